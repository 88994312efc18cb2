/* spawn RESULT [-n PID] CMD ARGS...: runs CMD once and writes to the file
 * RESULT one line "NANOSECONDS MAXRSS_KB STATUS" (STATUS: the exit code, or
 * 128+signal). With -n, CMD runs in the network and mount namespaces of
 * process PID (a test's holder), entered before the clock starts.
 *
 * Why not Python alone: ru_maxrss counts the memory a process had before
 * exec, and a child forked (or vforked) from Python starts with Python's
 * ~14 MB, which would hide any command smaller than that. This launcher is a
 * few hundred kilobytes, so the peak it reports is the command's own.
 * Wall time is measured here, around fork..wait4, so the launcher's own start
 * is not counted either. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void enter(const char *pid, const char *ns, int type) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%s/ns/%s", pid, ns);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || setns(fd, type) != 0) {
    perror(path);
    exit(125);
  }
  close(fd);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: spawn RESULT [-n PID] CMD ARGS...\n");
    return 125;
  }
  /* Opened first: the path is the caller's, not the namespace's. */
  FILE *f = fopen(argv[1], "we");
  if (f == NULL) {
    perror(argv[1]);
    return 125;
  }
  int first = 2;
  if (strcmp(argv[2], "-n") == 0 && argc > 4) {
    enter(argv[3], "net", CLONE_NEWNET);
    enter(argv[3], "mnt", CLONE_NEWNS);
    first = 4;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    return 125;
  }
  if (pid == 0) {
    execvp(argv[first], argv + first);
    perror(argv[first]);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("wait4");
    return 125;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  fprintf(f, "%lld %ld %d\n", ns, ru.ru_maxrss, code);
  fclose(f);
  return 0;
}
