// The subcommands. Each one is a struct with its Options, a Setup that
// declares them to CLI11 and a Run that does the work and returns text; the
// table in commands.cpp registers them under their name and their virsh name.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/context.h"
#include "cli/output.h"

namespace CLI {
class App;
}

namespace vnet::cli {

using Runner = std::function<RunResult(const Context&)>;

struct Command {
  std::string_view name;
  std::string_view virsh_name;
  std::string_view summary;
  /// Declares the command's arguments on `sub` and returns its bound Run.
  Runner (*setup)(CLI::App& sub);
  /// For a command that changes the store or the host, the libvirt API that
  /// virsh -r (a read-only connection) refuses for it; empty for the others.
  std::string_view read_only_denies = "";
};

/// Every command, in `vnetctl --help` order.
std::span<const Command> Commands();

/// A further name a command answers to ("stop" for destroy), or empty.
std::string_view ExtraAlias(std::string_view name);

struct DefineCmd {
  struct Options {
    std::string file;
    bool validate = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct DoctorCmd {
  struct Options {
    std::vector<std::string> networks;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct UndefineCmd {
  struct Options {
    std::string network;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct ListCmd {
  struct Options {
    bool all = false;
    bool inactive = false;
    bool autostart = false;
    bool no_autostart = false;
    bool persistent = false;
    bool transient = false;
    bool table = false;
    bool name = false;
    bool uuid = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct InfoCmd {
  struct Options {
    std::string network;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct UuidCmd {
  struct Options {
    std::string network;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct NameCmd {
  struct Options {
    std::string uuid;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct DumpXmlCmd {
  struct Options {
    std::string network;
    bool inactive = false;
    std::string xpath;
    bool wrap = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct EditCmd {
  struct Options {
    std::string network;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct AutostartCmd {
  struct Options {
    std::string network;
    bool disable = false;
    bool dry_run = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct UpdateCmd {
  struct Options {
    std::string network;
    std::string command;
    std::string section;
    std::string xml;
    std::optional<int> parent_index;
    bool config = false;
    bool live = false;
    bool current = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct RenderCmd {
  struct Options {
    std::string network;
    std::string output;
    std::string placement = "persistent";  // or "runtime"
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct ImportCmd {
  struct Options {
    std::vector<std::string> names;
    std::string connect = "qemu:///system";
    std::string from;
    bool replace = false;
    bool allow_partial = false;
    bool start = false;
    bool takeover = false;
    bool handback = false;
    bool dry_run = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct BackendsCmd {
  struct Options {};
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct StartCmd {
  struct Options {
    std::string network;
    bool dry_run = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct DestroyCmd {
  struct Options {
    std::string network;
    bool dry_run = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct CreateCmd {
  struct Options {
    std::string file;
    bool validate = false;
    bool dry_run = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct ApplyCmd {
  struct Options {
    std::vector<std::string> files;
    bool dry_run = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct DiffCmd {
  struct Options {
    std::vector<std::string> networks;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct DhcpLeasesCmd {
  struct Options {
    std::string network;
    std::string mac;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct PortListCmd {
  struct Options {
    std::string network;
    bool uuid = false;
    bool table = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct PortDumpXmlCmd {
  struct Options {
    std::string network;
    std::string port;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct PortCreateCmd {
  struct Options {
    std::string network;
    std::string file;
    bool validate = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct PortDeleteCmd {
  struct Options {
    std::string network;
    std::string port;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

struct EventCmd {
  struct Options {
    std::string network;  // only this network's events (name or uuid)
    std::string event;    // "lifecycle", the one event type
    bool loop = false;
    int timeout = 0;  // seconds; 0: none
    bool list = false;
    bool timestamp = false;
  };
  static void Setup(CLI::App& app, Options& opts);
  static RunResult Run(const Context& ctx, const Options& opts);
};

}  // namespace vnet::cli
