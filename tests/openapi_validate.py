"""Validates OpenAPI documents with openapi-spec-validator (requirements-dev.txt).

    python3 tests/openapi_validate.py FILE...
Prints one line per invalid file and exits 1 if any is invalid.
"""
import sys

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

failed = False
for path in sys.argv[1:]:
    try:
        spec, _ = read_from_filename(path)
        validate(spec)
    except Exception as e:  # noqa: BLE001 - report any failure with its file
        failed = True
        print(f"{path}: {e}")
sys.exit(1 if failed else 0)
