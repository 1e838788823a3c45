"""Command line: ``goaltui [FILE]`` opens the editor; ``convert``, ``summary`` and
``check`` work without a screen and never import textual."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from goaltui.errors import GoaltuiError, UsageError
from goaltui.i18n import LANGUAGES, set_language, t

if TYPE_CHECKING:
    from goaltui.io.formats import WriteOptions

EXIT_OK = 0
EXIT_PROBLEMS = 1
"""check found errors; review: a table is not ready; diff: the versions differ."""
EXIT_UNREADABLE = 2
EXIT_BROKEN_PIPE = 141

SUBCOMMANDS = ("convert", "summary", "check", "import-project", "review", "diff")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2, in the chosen language."""

    def error(self, message: str) -> Any:
        raise UsageError(f"{self.prog}: {_usage_message(message)}")


_ARGPARSE_MESSAGES: Final = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.usage.required"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "cli.usage.unrecognized"),
    (re.compile(r"argument (?P<option>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "cli.usage.choice"),
    (re.compile(r"argument (?P<option>\S+): invalid int value: (?P<value>.+)"), "cli.usage.number"),
    (re.compile(r"argument (?P<option>\S+): expected one argument"), "cli.usage.one_value"),
)
"""argparse's messages (English only: it is not translated) that a user meets most, as catalogue entries."""


def _usage_message(message: str) -> str:
    """An argparse error message in the current language (one it does not know stays as argparse wrote it)."""
    for pattern, key in _ARGPARSE_MESSAGES:
        if match := pattern.fullmatch(message):
            return t(key, **match.groupdict())
    return message


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """*parser*'s reading of *argv*; a usage error caused by a file named like an option says so."""
    try:
        return parser.parse_args(argv)
    except UsageError as exc:
        options = argv[: argv.index("--")] if "--" in argv else argv  # (after --, a name is a name)
        dashed = next((arg for arg in options if arg.startswith("-") and arg != "-" and os.path.lexists(arg)), None)
        if dashed is None:
            raise
        raise UsageError(t("cli.usage.dash_file", message=str(exc), file=dashed)) from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.help.lang"))
    parser.add_argument("--debug", action="store_true", help=t("cli.help.debug"))


def _build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    editor = _Parser(
        prog="goaltui",
        description=t("cli.description"),
        epilog="goaltui {" + ",".join(SUBCOMMANDS) + "} --help",
    )
    editor.add_argument("file", nargs="?", type=Path, help=t("cli.help.file"))
    editor.add_argument("--sheet", help=t("cli.help.sheet"))
    _common(editor)

    tools = _Parser(prog="goaltui", description=t("cli.description"))
    sub = tools.add_subparsers(dest="command", required=True, parser_class=_Parser)

    convert = sub.add_parser("convert", help=t("cli.help.convert"), description=t("cli.help.convert"))
    convert.add_argument("src", type=Path)
    convert.add_argument("dst", type=Path)
    convert.add_argument("--force", action="store_true", help=t("cli.help.force"))
    convert.add_argument("--overwrite-read-only", action="store_true", help=t("cli.help.overwrite_read_only"))
    convert.add_argument("--sheet", help=t("cli.help.sheet"))
    convert.add_argument("--with-problems", action="store_true", help=t("cli.help.with_problems"))
    _common(convert)

    summary = sub.add_parser("summary", help=t("cli.help.summary"), description=t("cli.help.summary"))
    summary.add_argument("file", type=Path)
    summary.add_argument("--format", choices=("text", "json"), default="text", help=t("cli.help.format"))
    summary.add_argument("--sheet", help=t("cli.help.sheet"))
    _common(summary)

    check = sub.add_parser("check", help=t("cli.help.check"), description=t("cli.help.check"))
    check.add_argument("file", type=Path)
    check.add_argument("--format", choices=("text", "json"), default="text", help=t("cli.help.format"))
    check.add_argument("--min-indicators", type=int, default=None, help=t("cli.help.min_indicators"))
    check.add_argument("--sheet", help=t("cli.help.sheet"))
    _common(check)
    _add_import_project(sub)
    _add_review_parsers(sub)
    return editor, tools


def _add_review_parsers(sub: Any) -> None:
    """``review DIR`` and ``diff OLD NEW`` (issue 13)."""
    from goaltui.review.options import COLUMNS, DIFF_FORMATS, REVIEW_FORMATS

    review = sub.add_parser("review", help=t("cli.help.review"), description=t("cli.help.review"))
    review.add_argument("folder", type=Path, help=t("cli.help.folder"))
    review.add_argument("--format", choices=REVIEW_FORMATS, default=None, help=t("cli.help.review_format"))
    review.add_argument("--sort", choices=[column.value for column in COLUMNS], default="file", help=t("cli.help.sort"))
    review.add_argument("--descending", action="store_true", help=t("cli.help.descending"))
    review.add_argument("--only-errors", action="store_true", help=t("cli.help.only_errors"))
    review.add_argument("--name", default="", help=t("cli.help.name_filter"))
    review.add_argument("--recursive", "-r", action="store_true", help=t("cli.help.recursive"))
    review.add_argument("--min-indicators", type=int, default=None, help=t("cli.help.min_indicators"))
    review.add_argument("--jobs", "-j", type=int, default=None, help=t("cli.help.jobs"))
    _add_output(review)
    _common(review)

    diff = sub.add_parser("diff", help=t("cli.help.diff"), description=t("cli.help.diff"))
    diff.add_argument("old", type=Path, help=t("cli.help.old"))
    diff.add_argument("new", type=Path, help=t("cli.help.new"))
    diff.add_argument("--format", choices=DIFF_FORMATS, default=None, help=t("cli.help.format"))
    diff.add_argument("--min-indicators", type=int, default=None, help=t("cli.help.min_indicators"))
    _add_output(diff)
    _common(diff)


OUTPUT_SUFFIX_FORMATS: Final = {".txt": "text", ".json": "json", ".csv": "csv", ".md": "md"}
"""``--output FILE`` without ``--format``: the format its suffix names."""


def _add_output(parser: argparse.ArgumentParser) -> None:
    """``--output FILE`` (``-o``) and ``--force``: a report written to a file instead of printed."""
    parser.add_argument("--output", "-o", type=Path, default=None, help=t("cli.help.output"))
    parser.add_argument("--force", action="store_true", help=t("cli.help.force"))


def _output_format(args: argparse.Namespace, formats: Sequence[str]) -> str:
    """--format, else the format the --output file's suffix names, else text; checked before any work.

    An --output file that exists is refused without --force (as ``convert`` does), and a
    read-only one always: nothing is read before the destination is known to be writable.
    """
    from goaltui.errors import OutputError

    output: Path | None = args.output
    chosen: str | None = args.format
    if output is None:
        return chosen or "text"
    if chosen is None:
        chosen = OUTPUT_SUFFIX_FORMATS.get(output.suffix.lower())
        if chosen is None or chosen not in formats:
            suffixes = " ".join(suffix for suffix, name in OUTPUT_SUFFIX_FORMATS.items() if name in formats)
            raise UsageError(t("cli.output_suffix", file=output, suffixes=suffixes))
    if (output.exists() or output.is_symlink()) and not args.force:
        raise OutputError(t("cli.dst_exists", file=output))
    _check_destination(output, False)
    return chosen


def _emit(output: str, output_format: str, destination: Path | None) -> None:
    """Print a report, or write it to *destination* atomically.

    In a file, text and JSON are as safe as on a terminal; CSV gets a UTF-8 byte order mark,
    without which Excel and WPS open its Chinese as mojibake (on standard output it has none:
    a script reads it there).
    """
    from goaltui.io.safe_write import save_policy, write_bytes_atomic
    from goaltui.safe_text import escape_json_text, terminal_safe

    if destination is None:
        print(_for_terminal(output, output_format))
        return
    if output_format == "json":
        output = escape_json_text(output)
    elif output_format == "text":
        output = terminal_safe(output)
    if not output.endswith("\n"):
        output += "\n"
    encoding = "utf-8-sig" if output_format == "csv" else "utf-8"
    # A file name that is not UTF-8 (GBK names from a zip made on Windows) holds surrogates:
    # written as standard output shows them (\udcXX), not a failed report.
    with save_policy() as notes:
        write_bytes_atomic(destination, output.encode(encoding, errors="backslashreplace"))
    for note in notes:
        print(_one_line(f"{t('cli.note_prefix')}{note}"), file=sys.stderr)
    print(_one_line(t("cli.converted", file=destination)), file=sys.stderr)


def _read(path: Path, sheet: str | None) -> Any:
    from goaltui.io.formats import ReadOptions, read_document

    # Which sheet was read, when others hold tables too: one line on stderr.
    return read_document(path, ReadOptions(sheet=sheet, notices=_notice))


def _notice(message: str) -> None:
    print(_one_line(message), file=sys.stderr)


def _cmd_convert(args: argparse.Namespace) -> int:
    from goaltui.errors import OutputError
    from goaltui.io.formats import ReadOptions, WriteOptions, check_read, check_write

    src: Path = args.src
    dst: Path = args.dst
    options = WriteOptions(with_problems=args.with_problems)
    check_read(src, ReadOptions(sheet=args.sheet))
    check_write(dst, options)
    if dst.exists() and src.exists() and dst.resolve() == src.resolve():
        raise UsageError(t("cli.same_file", file=dst))
    if dst.exists() and not (args.force or args.overwrite_read_only):
        raise OutputError(t("cli.dst_exists", file=dst))
    _check_destination(dst, args.overwrite_read_only)
    document = _read(src, args.sheet)
    _write_reporting_notes(document, dst, options, args.overwrite_read_only)
    print(_one_line(t("cli.converted", file=dst)), file=sys.stderr)
    return EXIT_OK


def _check_destination(dst: Path, overwrite_read_only: bool) -> None:
    """Refuse a read-only destination before any work, unless asked (see io.safe_write)."""
    from goaltui.io.safe_write import check_replaceable

    check_replaceable(dst, allow_read_only=overwrite_read_only)


def _write_reporting_notes(document: Any, dst: Path, options: WriteOptions, overwrite_read_only: bool) -> None:
    """Write *dst*; what the save could not keep (owner, hard links…) goes to stderr, one line each."""
    from goaltui.io.formats import write_document
    from goaltui.io.safe_write import save_policy

    with save_policy(allow_read_only=overwrite_read_only) as notes:
        write_document(document, dst, options)
    for note in notes:
        print(_one_line(f"{t('cli.note_prefix')}{note}"), file=sys.stderr)


def _one_line(text: str) -> str:
    """*text* safe for a terminal, on one line (file names and quoted cells may hold anything)."""
    from goaltui.safe_text import terminal_safe

    return terminal_safe(text, newlines=False)


def _for_terminal(output: str, output_format: str) -> str:
    """Command output with nothing in it that could drive a terminal (see goaltui.safe_text).

    Text is for people: always shown safe. JSON: the same data with the dangerous
    characters as ``\\uXXXX`` escapes. Data formats (CSV, Markdown) keep the cells'
    characters in a file, and are shown safe on a terminal.
    """
    from goaltui.safe_text import escape_json_text, terminal_safe

    if output_format == "json":
        return escape_json_text(output)
    if output_format == "text" or sys.stdout.isatty():
        return terminal_safe(output)
    return output


def _cmd_summary(args: argparse.Namespace) -> int:
    from goaltui.model.summary import build_summary

    summary = build_summary(_read(args.file, args.sheet))
    if args.format == "json":
        print(_for_terminal(json.dumps(summary, ensure_ascii=False, indent=2), "json"))
    else:
        print(_for_terminal(_summary_text(summary), "text"))
    return EXIT_OK


def _summary_text(summary: dict[str, Any]) -> str:
    from rich.cells import cell_len

    def pad(text: str, width: int) -> str:
        return text + " " * max(0, width - cell_len(text))

    none = t("summary.none")

    def labelled(label: str, value: object) -> str:
        return t("summary.labelled", label=label, value=value)

    lines = [
        labelled(t("summary.title"), summary["title"] or none),
        labelled(t("summary.year"), summary["year"] or none),
        labelled(t("summary.department"), summary["department"] or none),
        labelled(t("summary.money_unit"), summary["money_unit"]),
        t("summary.counts", units=summary["units"], projects=summary["projects"], indicators=summary["indicators"]),
        "",
        labelled(t("summary.funds"), "").rstrip(),
    ]
    labels = {field: t(f"field.{field}") for field in summary["funds"]}
    label_width = max(cell_len(label) for label in labels.values())
    amount_width = max(len(value) for value in summary["funds"].values())
    for field, value in summary["funds"].items():
        lines.append(f"  {pad(labels[field], label_width)}  {value:>{amount_width}}")
    signatures = summary["signatures"]
    signed = t("summary.separator").join(
        f"{t(f'field.{key}')} {signatures[key] or none}" for key in ("leader", "handler", "phone")
    )
    lines += [
        "",
        labelled(t("summary.signatures"), signed),
        "",
        labelled(t("summary.per_project"), "").rstrip(),
    ]
    rows = [
        (row["unit"], row["project"], row["total"] or "", t("summary.indicators_suffix", n=row["indicators"]))
        for row in summary["per_project"]
    ]
    if rows:
        widths = [max(cell_len(row[i]) for row in rows) for i in range(4)]
        for unit, project, total, count in rows:
            lines.append(f"  {pad(unit, widths[0])}  {pad(project, widths[1])}  {total:>{widths[2]}}  {count}")
    return "\n".join(lines)


def _cmd_check(args: argparse.Namespace) -> int:
    from goaltui.rules.report import render_check

    document = _read(args.file, args.sheet)
    output, code = render_check(document, output_format=args.format, min_indicators=args.min_indicators)
    print(_for_terminal(output, args.format))
    return code


def _add_import_project(sub: Any) -> None:
    parser = sub.add_parser(
        "import-project", help=t("cli.help.import_project"), description=t("cli.help.import_project")
    )
    parser.add_argument("table", type=Path, help=t("cli.help.import_table"))
    parser.add_argument("forms", type=Path, nargs="+", metavar="FORM", help=t("cli.help.import_forms"))
    parser.add_argument("--sheet", help=t("cli.help.sheet"))
    parser.add_argument("--create", action="store_true", help=t("cli.help.create"))
    parser.add_argument("--dry-run", action="store_true", help=t("cli.help.dry_run"))
    _common(parser)


def _cmd_import_project(args: argparse.Namespace) -> int:
    """Add each form's project to the table under its 实施单位; all or nothing."""
    from goaltui.errors import InputError
    from goaltui.io import native
    from goaltui.io.project_import import insert_projects
    from goaltui.model import Document

    table: Path = args.table
    if table.suffix.lower() != ".json":
        raise UsageError(t("import.table_not_json", file=table))
    created = not table.exists()
    if not created:
        document = native.read(table)
    elif args.create:
        if not table.parent.is_dir():
            raise InputError(t("cli.new_folder_missing", file=table, folder=table.parent))
        document = Document()
    else:
        raise InputError(t("import.table_missing", file=table))
    if not args.dry_run:
        _check_destination(table, False)  # a read-only table: refused before the forms are read and listed
    plan = insert_projects(document, args.forms, args.sheet)
    if not plan.ok:
        for line in plan.problems:
            print(_one_line(f"{t('cli.error_prefix')}{line}"), file=sys.stderr)
        print(t("import.refused", file=table, count=max(1, len(plan.problems))), file=sys.stderr)
        return EXIT_UNREADABLE
    for line in plan.lines:
        print(_one_line(line))
    if args.dry_run:
        print(t("import.dry_run", file=table), file=sys.stderr)
        return EXIT_OK
    plan.command.apply(document)
    native.write(document, table)
    if created:
        print(_one_line(t("import.created", file=table)), file=sys.stderr)
    print(_one_line(t("import.wrote", file=table, count=len(plan.projects))), file=sys.stderr)
    return EXIT_OK


def _rule_config(min_indicators: int | None) -> Any:
    from goaltui.rules import RuleConfig

    if min_indicators is None:
        return None
    if min_indicators < 0:
        raise UsageError(t("check.bad_min_indicators", value=min_indicators))
    return RuleConfig(min_indicators=min_indicators)


def _cmd_review(args: argparse.Namespace) -> int:
    """Every table of a folder, one row each, with a totals row; 1 when any is not ready.

    Without --format, on a terminal, it opens the review screen (in a pipe or a script it prints
    the text table, as ``--format text``).
    """
    from goaltui.io.formats import readable_suffixes
    from goaltui.review.folder import filter_rows, scan_folder, sort_rows
    from goaltui.review.folder_output import render_review
    from goaltui.review.loader import load_rows

    config = _rule_config(args.min_indicators)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(t("cli.bad_jobs", value=args.jobs))
    folder: Path = args.folder
    from goaltui.review.options import REVIEW_FORMATS

    output_format = _output_format(args, REVIEW_FORMATS)
    paths = scan_folder(folder, recursive=args.recursive)  # a folder that cannot be read: one line, exit 2
    if args.format is None and args.output is None and sys.stdin.isatty() and sys.stdout.isatty():
        from goaltui.ui.app import run_review

        return run_review(
            folder,
            paths,
            recursive=args.recursive,
            min_indicators=args.min_indicators,
            workers=args.jobs,
            sort=args.sort,
            descending=args.descending,
            only_errors=args.only_errors,
            name=args.name,
        )
    if not paths:
        print(t("review.no_tables", folder=folder, formats=" ".join(readable_suffixes())), file=sys.stderr)
    progress = sys.stderr.isatty()
    rows = []
    try:
        for loaded in load_rows(paths, folder=folder, config=config, workers=args.jobs):
            rows.append(loaded.row)
            if progress:
                shown = t("review.progress", done=loaded.done, total=loaded.total)
                print(f"\r{shown}", end="", file=sys.stderr, flush=True)
    finally:
        if progress and paths:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)  # the progress line goes, even on Ctrl-C
    ordered = sort_rows(rows, args.sort, descending=args.descending)
    listed = filter_rows(ordered, only_errors=args.only_errors, text=args.name)
    _emit(render_review(listed, folder, output_format), output_format, args.output)
    return EXIT_PROBLEMS if any(not row.ready for row in rows) else EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    """What changed from OLD to NEW; 0 when they are the same, 1 when not."""
    from goaltui.io.formats import check_read
    from goaltui.review.diff import diff
    from goaltui.review.diff_output import render_diff

    config = _rule_config(args.min_indicators)
    from goaltui.review.options import DIFF_FORMATS

    output_format = _output_format(args, DIFF_FORMATS)
    check_read(args.old)
    check_read(args.new)
    result = diff(_read(args.old, None), _read(args.new, None), config)
    _emit(
        render_diff(result, old_name=str(args.old), new_name=str(args.new), output_format=output_format),
        output_format,
        args.output,
    )
    return EXIT_OK if result.equal else EXIT_PROBLEMS


def _cmd_editor(args: argparse.Namespace) -> int:
    from goaltui.io.formats import ReadOptions, check_read
    from goaltui.resources import sample_path

    # Before the screen starts: a wrong option or a hostile file is one line on the terminal,
    # not a crash inside the UI.
    check_read(args.file if args.file is not None else sample_path(), ReadOptions(sheet=args.sheet))
    new = args.file is not None and _is_new_table(args.file)
    if args.file is not None and not new:
        _check_input_limits(args.file)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # `goaltui table.json > out.txt`, or from cron: the screen would go into the file and
        # wait for keys that never come.
        raise UsageError(t("cli.needs_terminal"))
    from goaltui.ui.app import run_editor

    return run_editor(args.file, sheet=args.sheet, new=new)


def _is_new_table(path: Path) -> bool:
    """A .json file that does not exist yet is a new table, written on the first save (as an
    editor does); any other missing file is an error (one line)."""
    from goaltui.errors import InputError

    if path.exists() or path.is_symlink():
        return False
    if path.suffix.lower() != ".json":
        raise InputError(t("cli.missing_input", file=path))
    folder = path.parent
    if not folder.is_dir():
        raise InputError(t("cli.new_folder_missing", file=path, folder=folder))
    return True


def _check_input_limits(path: Path) -> None:
    """The limits of io.limits, before the editor starts: a hostile file fails here, in one line."""
    from goaltui.io import limits

    if not path.exists():
        return  # the editor reports a missing file in its own words
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        limits.check_workbook(path)
    else:
        limits.open_input(path, max(limits.LIMITS.json_bytes, limits.LIMITS.text_bytes)).close()


def _unexpected(exc: BaseException) -> str:
    """One line for an error nobody planned for (``--debug`` shows the traceback)."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        reason = f"{where}: {first['msg']}" if where else first["msg"]
    elif isinstance(exc, MemoryError):
        reason = t("cli.out_of_memory")
    elif isinstance(exc, RecursionError):
        reason = t("cli.too_deep")
    else:
        reason = " ".join(str(exc).split()) or type(exc).__name__
    return t("cli.unexpected", kind=type(exc).__name__, reason=reason[:300])


def _subcommand_index(argv: list[str]) -> int | None:
    """Where the subcommand stands, skipping the global options before it."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in SUBCOMMANDS:
            return index
        if arg == "--lang":
            index += 2
        elif arg == "--debug" or arg.startswith("--lang="):
            index += 1
        else:
            return None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        for index, arg in enumerate(argv):
            if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
                set_language(argv[index + 1])
            elif arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
                set_language(arg.split("=", 1)[1])
        editor, tools = _build_parsers()
        command = _subcommand_index(argv)
        if command is not None:
            # Options given before the subcommand (goaltui --lang en check …) apply to it.
            args = _parse(tools, argv[command:] + argv[:command])
            handler = {
                "convert": _cmd_convert,
                "summary": _cmd_summary,
                "check": _cmd_check,
                "import-project": _cmd_import_project,
                "review": _cmd_review,
                "diff": _cmd_diff,
            }[args.command]
            return handler(args)
        return _cmd_editor(_parse(editor, argv))
    except GoaltuiError as exc:
        if debug:
            raise
        print(_one_line(f"{t('cli.error_prefix')}{exc}"), file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise  # run() ends quietly
    except OSError as exc:  # writing the output: a full disk, /dev/full, a closed terminal
        if debug:
            raise
        from goaltui.errors import describe_os_error

        print(
            _one_line(f"{t('cli.error_prefix')}{t('cli.output_failed', reason=describe_os_error(exc))}"),
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    except Exception as exc:  # never a traceback: one line, exit 2 (1 means "errors found")
        if debug:
            raise
        print(_one_line(f"{t('cli.error_prefix')}{_unexpected(exc)}"), file=sys.stderr)
        return EXIT_UNREADABLE


def _tolerant_streams() -> None:
    """Characters the terminal's encoding lacks (a GBK terminal, a lone surrogate) become ``\\uXXXX``."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def run() -> None:
    """Console-script entry point."""
    _tolerant_streams()
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (goaltui check … | head): end quietly, with the
        # shell's code for a process stopped by SIGPIPE (128 + 13).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_BROKEN_PIPE
    except OSError as exc:  # the output could not be written (> /dev/full, a full disk)
        from goaltui.errors import describe_os_error

        # What is still buffered would fail again at exit, with a traceback: send it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(
            _one_line(f"{t('cli.error_prefix')}{t('cli.output_failed', reason=describe_os_error(exc))}"),
            file=sys.stderr,
        )
        code = EXIT_UNREADABLE
    sys.exit(code)
