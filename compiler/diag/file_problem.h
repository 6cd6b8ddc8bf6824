// The diagnostics of a file that a pack may not read (spec 9.11), shared by
// imports (syntax) and `from` tables (sema).
#pragma once

#include "diag/diagnostic.h"
#include "support/file_access.h"

namespace fides {

// Reports a symlink loop (E0062), a file that is not regular (E0061), one
// outside the allowed folders (E0063) or one too large (`too_large`: E0060 for
// sources, E0064 for tables) at `at`, naming it `shown`. Returns false, and
// reports nothing, for a missing or unreadable file: the caller's own
// diagnostic says that.
bool report_file_problem(Diagnostics& diags, Span at, const std::string& shown, const CheckedFile& file,
                         DiagKind too_large);

// Why a file cannot be read, for "cannot read file '{}': {}" (E0001, E0401):
// "no such file", "it is a directory", or the system's reason.
Localized why_unreadable(const CheckedFile& file);

}  // namespace fides
