// virsh's table layout (tools/vsh-table.c): each cell is " " + text, padded to
// the column's widest cell + 2 (not after the last column); under the header a
// line of (width + 3) dashes per column. Without the header (-q) the widths
// come from the rows alone.
#pragma once

#include <string>
#include <vector>

namespace vnet::cli {

using TableRow = std::vector<std::string>;

std::string FormatTable(const TableRow& header, const std::vector<TableRow>& rows,
                        bool with_header);

}  // namespace vnet::cli
