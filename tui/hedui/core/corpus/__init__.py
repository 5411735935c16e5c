"""Many reports at once: extraction as a plain function of a report's bytes, an on-disk cache
of extractions, and extraction over a process pool or a Dask cluster.

    from hedui.core.corpus import extract_bytes, extract_records
    extraction = extract_bytes(Path("r.txt").read_bytes(), "r.txt")   # an Extraction
    records = extract_records(data, "r.txt")    # the JSON Lines records of `hedui extract`

May use: extract, text and the shared modules (a layer above extract, below dataset).
"""
from hedui.core.corpus.extraction import extract_bytes, extract_records

__all__ = ["extract_bytes", "extract_records"]
