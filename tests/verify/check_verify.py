#!/usr/bin/env python3
"""Runs resources/verify/verify.py against tests/verify/vectors.json; exits 1 on any case it gets wrong.

Usage: check_verify.py VERIFY_PY VECTORS_JSON [--plant-wrong-vector]
With --plant-wrong-vector the first case's expected answer is flipped, so the run must fail: the check of the
check, so a harness that passes whatever the snippet does cannot go unnoticed."""
import importlib.util
import json
import sys


def main() -> int:
    verify_path, vectors_path = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("verify", verify_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(vectors_path, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    if "--plant-wrong-vector" in sys.argv[3:]:
        cases[0]["valid"] = not cases[0]["valid"]
    wrong = 0
    for case in cases:
        got = module.verify_daily_webhook(case["body"].encode("utf-8"), case["timestamp"], case["signature"],
                                          case["secret"], case["toleranceSeconds"], case["nowMs"] / 1000)
        ok = got == case["valid"]
        wrong += 0 if ok else 1
        print(("ok   " if ok else "FAIL ") + case["name"] + (": got " + str(got) if not ok else ""))
    print(f"python verify.py: {len(cases) - wrong} of {len(cases)} cases right")
    return 1 if wrong or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
