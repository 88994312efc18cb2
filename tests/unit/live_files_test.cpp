// ReadFile below a temporary root: regular files, symbolic links (never
// followed), missing files, and paths that would escape the root.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/live/host_reader.h"
#include "live_test_util.h"

namespace vnet::live {
namespace {

TEST_CASE("live files: regular file, symbolic link and missing file under a root") {
  live_testing::TempRoot root("etc");
  std::ofstream(root.path / "etc/a.conf") << "hello\n";
  REQUIRE(chmod((root.path / "etc/a.conf").c_str(), 0640) == 0);
  REQUIRE(symlink("a.conf", (root.path / "etc/link").c_str()) == 0);
  REQUIRE(symlink("/nowhere", (root.path / "etc/dangling").c_str()) == 0);
  auto reader = MakeSystemHostReader(root.path);

  Result<FileState> file = reader->ReadFile("/etc/a.conf");
  REQUIRE(file.ok());
  CHECK(file->exists);
  CHECK_FALSE(file->is_symlink);
  CHECK(file->content == "hello\n");
  CHECK(file->mode == 0640);

  Result<FileState> link = reader->ReadFile("/etc/link");
  REQUIRE(link.ok());
  CHECK(link->exists);
  CHECK(link->is_symlink);
  CHECK(link->symlink_target == "a.conf");
  CHECK(link->content.empty());  // not followed

  Result<FileState> dangling = reader->ReadFile("/etc/dangling");
  REQUIRE(dangling.ok());
  CHECK(dangling->is_symlink);
  CHECK(dangling->symlink_target == "/nowhere");

  for (const char* missing : {"/etc/none", "/etc/a.conf/below-a-file", "/no/such/dir"}) {
    Result<FileState> gone = reader->ReadFile(missing);
    REQUIRE(gone.ok());
    CHECK_FALSE(gone->exists);
  }
}

TEST_CASE("live files: relative and '..' paths are refused, huge files are errors") {
  live_testing::TempRoot root("etc");
  auto reader = MakeSystemHostReader(root.path);
  for (const char* bad : {"etc/a.conf", "", "/etc/../../etc/passwd", "/.."}) {
    Result<FileState> r = reader->ReadFile(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
  std::ofstream(root.path / "etc/big").close();
  std::filesystem::resize_file(root.path / "etc/big", 17 * 1024 * 1024);  // sparse
  Result<FileState> big = reader->ReadFile("/etc/big");
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message.find("larger than 16 MiB") != std::string::npos);
}

}  // namespace
}  // namespace vnet::live
