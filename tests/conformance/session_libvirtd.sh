# Sourced: libvirt's real network driver for tests that hold vnetctl to it —
# an unprivileged session libvirtd that virsh starts by itself, as the user
# nobody, with its home in a throwaway directory: nothing of the host's
# libvirt is touched, and no root daemon is needed.
#
#   session_libvirtd_init DIR   DIR (an empty directory) holds the daemon's home
#   session_run CMD...          CMD as nobody, in that home, with virsh's
#                               default URI the session network driver
#   session_libvirtd_stop       stops the daemon (by the PID it wrote)

session_libvirtd_init() {
  SESSION_HOME=$1/home
  chmod 755 "$1"
  mkdir -p "$SESSION_HOME"
  chown nobody "$SESSION_HOME"
}

session_run() {
  runuser -u nobody -- env -i HOME="$SESSION_HOME" XDG_CONFIG_HOME="$SESSION_HOME/config" \
    XDG_CACHE_HOME="$SESSION_HOME/cache" XDG_RUNTIME_DIR="$SESSION_HOME/run" \
    LIBVIRT_DEFAULT_URI=network:///session PATH=/usr/sbin:/usr/bin:/bin "$@"
}

session_libvirtd_stop() {
  local pidfile=$SESSION_HOME/run/libvirt/libvirtd.pid pid
  [ -s "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}
