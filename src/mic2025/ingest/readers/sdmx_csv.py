"""SDMX-CSV 1.0 and 2.0 (codes or 'CODE: label' headers), mapped onto the store's columns.

Mapping: INDICATOR/SERIES/MEASURE → indicator, REF_AREA → area, ACTIVITY/SECTOR →
sector, ENTITY → entity, TIME_PERIOD → period, OBS_VALUE → value, UNIT_MEASURE → unit,
OBS_STATUS → status, SOURCE → source, VINTAGE → vintage, OBS_COMMENT/COMMENT → note,
OBS_QUALIFIER/QUALIFIER → qualifier (``GT``, ``GE``, ``LT``, ``LE``, ``AP`` or the
symbols ``>``, ``>=``, ``<``, ``<=``, ``~``), UNIT_MULT scales the value by 10^n.
Only ACTION ``I`` (information) is accepted: revisions come as new vintages.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from mic2025.ingest.errors import IngestError, Problem
from mic2025.ingest.readers.csv import CsvReader

if TYPE_CHECKING:
    import pyarrow as pa

SDMX_COLUMNS = {
    "INDICATOR": "indicator",
    "SERIES": "indicator",
    "MEASURE": "indicator",
    "REF_AREA": "area",
    "ACTIVITY": "sector",
    "SECTOR": "sector",
    "ENTITY": "entity",
    "TIME_PERIOD": "period",
    "OBS_VALUE": "value",
    "UNIT_MEASURE": "unit",
    "OBS_STATUS": "status",
    "OBS_QUALIFIER": "qualifier",
    "QUALIFIER": "qualifier",
    "SOURCE": "source",
    "VINTAGE": "vintage",
    "OBS_COMMENT": "note",
    "COMMENT": "note",
}
FRAME_COLUMNS = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION"}
MULTIPLIER = "_unit_mult"


class SdmxCsvReader(CsvReader):
    name: ClassVar[str] = "sdmx-csv"
    suffixes: ClassVar[tuple[str, ...]] = (".csv", ".txt")
    description: ClassVar[str] = "SDMX-CSV 1.0/2.0 (first column DATAFLOW or STRUCTURE)"
    priority: ClassVar[int] = 10

    def claims(self, path: Path, head: bytes) -> bool:
        if not super().claims(path, head):
            return False
        first = head.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
        code = first.split(",")[0].strip().strip('"').split(":")[0].strip().upper()
        return code in ("DATAFLOW", "STRUCTURE")

    def prepare(self, chunk: pa.Table, path: Path) -> pa.Table:
        import pyarrow as pa
        import pyarrow.compute as pc

        names, arrays = [], []
        for name, column in zip(chunk.column_names, chunk.columns, strict=True):
            code = name.split(":")[0].strip().upper()
            if code in FRAME_COLUMNS:
                if code == "ACTION":
                    _only_information(path, name, column)
                continue
            target = MULTIPLIER if code == "UNIT_MULT" else SDMX_COLUMNS.get(code, code.lower())
            if target not in ("value", "note", MULTIPLIER):  # labelled SDMX-CSV: 'CN: China'
                column = pc.utf8_trim_whitespace(
                    pc.replace_substring_regex(column, pattern=r":\s.*$", replacement="")
                )
            names.append(target)
            arrays.append(column)
        return pa.table(arrays, names=names)


def _only_information(path: Path, name: str, column: pa.ChunkedArray) -> None:
    import pyarrow.compute as pc

    bad = pc.and_(pc.not_equal(column, ""), pc.not_equal(pc.utf8_upper(column), "I"))
    if pc.any(bad).as_py():
        reason = "only ACTION 'I' (information) is supported; revisions come as new vintages"
        raise IngestError(path, [Problem(str(path), None, name, None, reason)])


READER = SdmxCsvReader()
