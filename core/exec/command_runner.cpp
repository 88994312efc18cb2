#include "core/exec/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/exec/builtin_commands.h"

extern char** environ;

namespace vnet {

namespace {

struct Pipe {
  int fd[2] = {-1, -1};
  bool Open() { return pipe2(fd, O_CLOEXEC) == 0; }
  void Close() {
    for (int& f : fd) {
      if (f >= 0) close(f);
      f = -1;
    }
  }
};

// Feeds stdin and drains stdout/stderr together so no pipe can fill and block.
void Pump(int in_fd, const std::string& input, int out_fd, int err_fd, CommandResult& r) {
  size_t written = 0;
  if (input.empty() && in_fd >= 0) {
    close(in_fd);
    in_fd = -1;
  }
  char buf[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    int* fdp[2] = {&out_fd, &err_fd};
    std::string* dst[2] = {&r.out, &r.err};
    for (int i = 0; i < 2; ++i) {
      if (*fdp[i] < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(*fdp[i], buf, sizeof buf);
      if (n > 0) {
        dst[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(*fdp[i]);
        *fdp[i] = -1;
      }
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in_fd, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 || written == input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
}

}  // namespace

CommandResult SystemCommandRunner::Run(const std::vector<std::string>& argv,
                                       const std::string& stdin_data) {
  CommandResult r;
  if (argv.empty()) return r;
  if (echo_) std::fprintf(stderr, "[#] %s\n", FormatCommandLine(argv).c_str());
  Pipe in, out, err;
  if (!in.Open() || !out.Open() || !err.Open()) {
    r.err = std::strerror(errno);
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err.fd[1], 2);
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, cargv[0], &fa, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(in.fd[0]);
  close(out.fd[1]);
  close(err.fd[1]);
  if (rc != 0) {
    close(in.fd[1]);
    close(out.fd[0]);
    close(err.fd[0]);
    r.err = argv[0] + ": " + std::strerror(rc);
    return r;
  }
  Pump(in.fd[1], stdin_data, out.fd[0], err.fd[0], r);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

CommandResult SystemCommandRunner::Perform(const HostAction& action,
                                           const std::vector<std::string>& equivalent) {
  if (!BuiltinAvailable(action)) return Run(equivalent);
  if (echo_) std::fprintf(stderr, "[#] %s\n", DescribeBuiltin(action).c_str());
  if (std::optional<CommandResult> done = RunBuiltin(action)) return *done;
  return Run(equivalent);
}

CommandResult RecordingCommandRunner::Run(const std::vector<std::string>& argv,
                                          const std::string& /*stdin_data*/) {
  commands.push_back(argv);
  return canned;
}

std::string FormatCommandLine(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& a : argv) {
    if (!line.empty()) line += ' ';
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`;&|<>*?()[]{}#~") == std::string::npos;
    if (plain) {
      line += a;
      continue;
    }
    line += '\'';
    for (char c : a) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

}  // namespace vnet
