#include "cli/table.h"

#include <algorithm>

namespace vnet::cli {

namespace {

// Display width of UTF-8 text, counted in code points (names are printable).
size_t Width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string FormatRow(const TableRow& row, const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) {
    line += " " + row[i];
    if (i + 1 < row.size()) line.append(widths[i] - Width(row[i]) + 2, ' ');
  }
  return line + "\n";
}

}  // namespace

std::string FormatTable(const TableRow& header, const std::vector<TableRow>& rows,
                        bool with_header) {
  std::vector<size_t> widths(header.size(), 0);
  auto widen = [&widths](const TableRow& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], Width(row[i]));
    }
  };
  if (with_header) widen(header);
  for (const TableRow& row : rows) widen(row);
  std::string out;
  if (with_header) {
    out += FormatRow(header, widths);
    for (size_t w : widths) out.append(w + 3, '-');
    out += "\n";
  }
  for (const TableRow& row : rows) out += FormatRow(row, widths);
  return out;
}

}  // namespace vnet::cli
