# The layers of vnetctl, lowest first, and what each may include. One flow:
#
#   base        core/error, core/net, core/io, core/model  (types, I/O helpers)
#   definition  core/xml, core/validate, core/update, core/store  (libvirt's XML,
#               its rules, the persistent definitions)
#   host        core/live, core/exec  (reading the live host, running commands)
#   backends    backends/  (one folder per manager, common/ for the companions)
#   engine      core/plan, core/apply, core/import, core/doctor, core/engine
#               (desired state, plan, transaction, takeover's conversion,
#               doctor's checks, and the orchestration the commands call)
#   cli         cli/  (arguments and printing)
#
# Each layer is a static library linked only to the layers it may use (see
# CMakeLists.txt), and this script, run on every build, fails it on an
# #include against the flow. Run as: cmake -DSOURCE_DIR=... -P layers.cmake
set(layer_dirs_base "core/error" "core/net" "core/io" "core/model")
set(layer_dirs_definition "core/xml" "core/validate" "core/update" "core/store")
set(layer_dirs_host "core/live" "core/exec")
set(layer_dirs_backends "backends")
set(layer_dirs_engine "core/plan" "core/apply" "core/import" "core/doctor" "core/engine")
set(layer_dirs_cli "cli")

set(layer_uses_base base)
set(layer_uses_definition base definition)
set(layer_uses_host base host)
set(layer_uses_backends base host backends)
set(layer_uses_engine base host backends engine)
set(layer_uses_cli base definition host backends engine cli)

set(layer_names base definition host backends engine cli)

# The layer of a repository path ("core/plan/plan.cpp", "core/error.h"), or "".
function(layer_of path out)
  set(${out} "" PARENT_SCOPE)
  foreach(layer ${layer_names})
    foreach(dir ${layer_dirs_${layer}})
      if(path MATCHES "^${dir}(/|\\.h$|\\.cpp$)")
        set(${out} ${layer} PARENT_SCOPE)
        return()
      endif()
    endforeach()
  endforeach()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)
  file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/core/*.h
       ${SOURCE_DIR}/backends/*.cpp ${SOURCE_DIR}/backends/*.h ${SOURCE_DIR}/cli/*.cpp
       ${SOURCE_DIR}/cli/*.h)
  set(violations "")
  foreach(source ${sources})
    layer_of(${source} from)
    if(from STREQUAL "")
      string(APPEND violations "  ${source}: in no layer (add its folder to cmake/layers.cmake)\n")
      continue()
    endif()
    file(STRINGS ${SOURCE_DIR}/${source} includes REGEX "^#include \"")
    foreach(line ${includes})
      string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" included "${line}")
      layer_of(${included} to)
      if(to STREQUAL "")
        continue()  # not one of ours (a system header in quotes)
      endif()
      if(NOT to IN_LIST layer_uses_${from})
        string(REPLACE ";" ", " allowed "${layer_uses_${from}}")
        string(APPEND violations
               "  ${source} (${from}) includes ${included} (${to}): ${from} may use only "
               "${allowed}\n")
      endif()
    endforeach()
  endforeach()
  if(violations)
    message(FATAL_ERROR "includes against the layers (cmake/layers.cmake):\n${violations}")
  endif()
endif()
