#include "diag/file_problem.h"

namespace fides {

bool report_file_problem(Diagnostics& diags, Span at, const std::string& shown, const CheckedFile& file,
                         DiagKind too_large) {
  switch (file.problem) {
    case FileProblem::symlink_loop:
      diags.error(DiagKind::symlink_loop, at, shown).with_help("make the symbolic link point at the file itself");
      return true;
    case FileProblem::not_regular:
      diags.error(DiagKind::file_not_regular, at, shown, file.detail)
          .with_help("name a file; packs read only regular files");
      return true;
    case FileProblem::outside:
      diags.error(DiagKind::path_outside_pack, at, shown)
          .with_note(Span{}, "it resolves to " + file.resolved.string())
          .with_help("move it into the pack's folder, or allow its folder with --allow-path DIR");
      return true;
    case FileProblem::too_large:
      diags.error(too_large, at, shown, file.size)
          .with_help(too_large == DiagKind::table_too_large ? "split the table, or keep the data in the credit files"
                                                            : "split the source into files that import each other");
      return true;
    case FileProblem::none:
    case FileProblem::missing:
    case FileProblem::unreadable:
      return false;
  }
  return false;
}

}  // namespace fides
