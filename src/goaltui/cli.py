"""Command line: ``goaltui [FILE]`` opens the editor; ``convert``, ``summary`` and
``check`` work without a screen and never import textual."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from goaltui.errors import GoaltuiError, UsageError
from goaltui.i18n import LANGUAGES, set_language, t

EXIT_OK = 0
EXIT_UNREADABLE = 2
EXIT_BROKEN_PIPE = 141

SUBCOMMANDS = ("convert", "summary", "check")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message: str) -> Any:
        raise UsageError(f"{self.prog}: {message}")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.help.lang"))
    parser.add_argument("--debug", action="store_true", help=t("cli.help.debug"))


def _build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    editor = _Parser(prog="goaltui", description=t("cli.description"), epilog="goaltui {convert,summary,check} --help")
    editor.add_argument("file", nargs="?", type=Path, help=t("cli.help.file"))
    editor.add_argument("--sheet", help=t("cli.help.sheet"))
    _common(editor)

    tools = _Parser(prog="goaltui", description=t("cli.description"))
    sub = tools.add_subparsers(dest="command", required=True, parser_class=_Parser)

    convert = sub.add_parser("convert", help=t("cli.help.convert"), description=t("cli.help.convert"))
    convert.add_argument("src", type=Path)
    convert.add_argument("dst", type=Path)
    convert.add_argument("--force", action="store_true", help=t("cli.help.force"))
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
    return editor, tools


def _read(path: Path, sheet: str | None) -> Any:
    from goaltui.io.formats import ReadOptions, read_document

    return read_document(path, ReadOptions(sheet=sheet))


def _cmd_convert(args: argparse.Namespace) -> int:
    from goaltui.errors import OutputError
    from goaltui.io.formats import ReadOptions, WriteOptions, check_read, check_write, write_document

    src: Path = args.src
    dst: Path = args.dst
    options = WriteOptions(with_problems=args.with_problems)
    check_read(src, ReadOptions(sheet=args.sheet))
    check_write(dst, options)
    if dst.exists() and src.exists() and dst.resolve() == src.resolve():
        raise UsageError(t("cli.same_file", file=dst))
    if dst.exists() and not args.force:
        raise OutputError(t("cli.dst_exists", file=dst))
    document = _read(src, args.sheet)
    write_document(document, dst, options)
    print(t("cli.converted", file=dst), file=sys.stderr)
    return EXIT_OK


def _cmd_summary(args: argparse.Namespace) -> int:
    from goaltui.model.summary import build_summary

    summary = build_summary(_read(args.file, args.sheet))
    if args.format == "json":
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(_summary_text(summary))
    return EXIT_OK


def _summary_text(summary: dict[str, Any]) -> str:
    from rich.cells import cell_len

    def pad(text: str, width: int) -> str:
        return text + " " * max(0, width - cell_len(text))

    none = t("summary.none")
    lines = [
        f"{t('summary.title')}：{summary['title'] or none}",
        f"{t('summary.year')}：{summary['year'] or none}",
        f"{t('summary.department')}：{summary['department'] or none}",
        f"{t('summary.money_unit')}：{summary['money_unit']}",
        t("summary.counts", units=summary["units"], projects=summary["projects"], indicators=summary["indicators"]),
        "",
        f"{t('summary.funds')}：",
    ]
    labels = {field: t(f"field.{field}") for field in summary["funds"]}
    label_width = max(cell_len(label) for label in labels.values())
    amount_width = max(len(value) for value in summary["funds"].values())
    for field, value in summary["funds"].items():
        lines.append(f"  {pad(labels[field], label_width)}  {value:>{amount_width}}")
    signatures = summary["signatures"]
    lines += [
        "",
        f"{t('summary.signatures')}：{t('field.leader')} {signatures['leader'] or none}；"
        f"{t('field.handler')} {signatures['handler'] or none}；{t('field.phone')} {signatures['phone'] or none}",
        "",
        f"{t('summary.per_project')}：",
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
    print(output)
    return code


def _cmd_editor(args: argparse.Namespace) -> int:
    from goaltui.io.formats import ReadOptions, check_read
    from goaltui.resources import sample_path

    # Before the screen starts: a wrong option is one line on the terminal, not a crash inside the UI.
    check_read(args.file if args.file is not None else sample_path(), ReadOptions(sheet=args.sheet))
    from goaltui.ui.app import run_editor

    return run_editor(args.file, sheet=args.sheet)


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
            args = tools.parse_args(argv[command:] + argv[:command])
            handler = {"convert": _cmd_convert, "summary": _cmd_summary, "check": _cmd_check}[args.command]
            return handler(args)
        return _cmd_editor(editor.parse_args(argv))
    except GoaltuiError as exc:
        if debug:
            raise
        print(f"{t('cli.error_prefix')}{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (goaltui check … | head): end quietly, with the
        # shell's code for a process stopped by SIGPIPE (128 + 13).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_BROKEN_PIPE
    sys.exit(code)
