"""Type into workbooks with a real LibreOffice, as a person would, and save them in several formats.

Run by make_office_fixtures.py with the system python that has the UNO bridge
(Debian: python3-uno). Input: a JSON job file::

    [{"source": "in.xlsx", "edits": [{"ref": "I10", "type": "95.5%"},
                                     {"ref": "B3", "value": 1234.5, "format": "#,##0.00"}],
      "save": {"out.xlsx": "Calc MS Excel 2007 XML", "out.xls": "MS Excel 97", "out.ods": "calc8"}}]

"type" goes through LibreOffice's input line (.uno:EnterString), so number
recognition and automatic formats (percent, date) are LibreOffice's own.
"""

import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def run_job(job, profile):
    """One job in its own LibreOffice process (a crash on close cannot spoil the next job)."""
    pipe = f"goaltui_fixtures_{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "-env:UserInstallation=file://" + profile,
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start")
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        url = uno.systemPathToFileUrl(os.path.abspath(job["source"]))
        document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        frame = document.getCurrentController().getFrame()
        for edit in job.get("edits", []):
            sheet = document.Sheets.getByIndex(edit.get("sheet", 0))
            if "type" in edit:
                dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", edit["ref"]),))
                dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", edit["type"]),))
            cell = sheet.getCellRangeByName(edit["ref"])
            if "value" in edit:
                cell.setValue(edit["value"])
            if "format" in edit:
                formats = document.NumberFormats
                locale = uno.createUnoStruct("com.sun.star.lang.Locale")
                key = formats.queryKey(edit["format"], locale, False)
                if key == -1:
                    key = formats.addNew(edit["format"], locale)
                cell.NumberFormat = key
        for out, filter_name in job["save"].items():
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", filter_name),))
        try:
            document.close(True)
            desktop.terminate()
        except Exception:  # LibreOffice 7.4 may drop the bridge while closing: the files are saved
            pass
    finally:
        try:
            office.wait(60)
        except subprocess.TimeoutExpired:
            office.kill()


def main(job_path, profile):
    with open(job_path, encoding="utf-8") as handle:
        jobs = json.load(handle)
    for job in jobs:
        run_job(job, profile)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
