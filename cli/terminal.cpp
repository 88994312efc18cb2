#include "cli/terminal.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <iostream>

namespace vnet::cli {

namespace {

// virsh's order: $VISUAL, then $EDITOR, then vi.
std::string EditorCommand() {
  for (const char* var : {"VISUAL", "EDITOR"}) {
    const char* value = getenv(var);
    if (value != nullptr && *value != '\0') return value;
  }
  return "vi";
}

Status WaitFor(pid_t pid, const std::string& editor) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return MakeError(ErrorKind::kSystem, "cannot wait for the editor");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return OkStatus();
  return MakeError(ErrorKind::kSystem, "editor '" + editor + "' failed");
}

void PrintHelp() {
  std::cerr << "y - make changes\n"
               "n - don't make changes\n"
               "f - force, try to redefine again\n"
               "? - print this help\n";
}

}  // namespace

Status Terminal::Edit(const std::string& path) {
  const std::string editor = EditorCommand();
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) return MakeError(ErrorKind::kSystem, "cannot start the editor");
  if (pid == 0) {
    // Through the shell, so that EDITOR='code --wait' works as with virsh.
    const std::string script = editor + " \"$1\"";
    execl("/bin/sh", "sh", "-c", script.c_str(), "sh", path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return WaitFor(pid, editor);
}

bool Terminal::IsInteractive() const { return isatty(STDIN_FILENO) && isatty(STDERR_FILENO); }

char Terminal::AskReedit(const std::string& message, const std::vector<Error>& errors) {
  for (const Error& e : errors) std::cerr << "vnetctl: error: " << e.Format() << "\n";
  while (true) {
    std::cerr << message << " Try again? [y,n,f,?]: " << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) return 'n';
    char c = line.empty() ? '\0' : static_cast<char>(std::tolower(line.front()));
    if (c == 'y' || c == 'n' || c == 'f') return c;
    if (c == '?') PrintHelp();
  }
}

}  // namespace vnet::cli
