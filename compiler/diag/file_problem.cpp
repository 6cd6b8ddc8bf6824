#include "diag/file_problem.h"

namespace fides {
namespace {

Localized describe_kind(FileKind kind) {
  switch (kind) {
    case FileKind::directory: return say(Phrase::file_directory);
    case FileKind::fifo: return say(Phrase::file_fifo);
    case FileKind::character_device: return say(Phrase::file_character_device);
    case FileKind::block_device: return say(Phrase::file_block_device);
    case FileKind::socket: return say(Phrase::file_socket);
    case FileKind::other: break;
  }
  return say(Phrase::file_other);
}

}  // namespace

bool report_file_problem(Diagnostics& diags, Span at, const std::string& shown, const CheckedFile& file,
                         DiagKind too_large) {
  switch (file.problem) {
    case FileProblem::symlink_loop:
      diags.error(DiagKind::symlink_loop, at, shown).with_help(say(Phrase::help_fix_symlink));
      return true;
    case FileProblem::not_regular:
      diags.error(DiagKind::file_not_regular, at, shown, describe_kind(file.kind))
          .with_help(say(Phrase::help_regular_only));
      return true;
    case FileProblem::outside:
      diags.error(DiagKind::path_outside_pack, at, shown)
          .with_note(Span{}, say(Phrase::note_resolves_to, file.resolved.string()))
          .with_help(say(Phrase::help_allow_path));
      return true;
    case FileProblem::too_large:
      diags.error(too_large, at, shown, file.size)
          .with_help(say(too_large == DiagKind::table_too_large ? Phrase::help_split_table
                                                                : Phrase::help_split_source));
      return true;
    case FileProblem::none:
    case FileProblem::missing:
    case FileProblem::unreadable:
      return false;
  }
  return false;
}

Localized why_unreadable(const CheckedFile& file) {
  switch (file.problem) {
    case FileProblem::missing: return say(Phrase::file_missing);
    case FileProblem::not_regular: return say(Phrase::file_is, describe_kind(file.kind));
    case FileProblem::symlink_loop: return say(Phrase::file_loops);
    default: return Localized::same(file.detail);  // the system's words
  }
}

}  // namespace fides
