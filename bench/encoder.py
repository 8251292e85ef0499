"""Speed of the MiniLM sentence encoder (bot/embeddings.py), against another version of it.

    git show b2d6ed6:bot/embeddings.py > /tmp/embeddings_numpy.py   # the NumPy forward pass
    .venv/bin/python bench/encoder.py [--other /tmp/embeddings_numpy.py] [--texts 2000] [--one 300]

For each version: the training path (`encode_many` over the first --texts labelled messages of
bot/data/routes/) and the Rasa server's path (`encode_uncached`, one message at a time, over
--one of them), wall and CPU time, and with --other the largest difference between the two
versions' vectors. Each version runs in its own process (the two may share module names).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(source: str, texts: int, one: int, vectors_file: str) -> dict:
    """Runs in the child process: loads the encoder module at `source`, times both paths."""
    import importlib.util

    import numpy as np

    sys.path.insert(0, str(ROOT))
    from bot import descriptions

    spec = importlib.util.spec_from_file_location("encoder_under_test", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    encoder = module.SentenceEncoder.load()
    labelled = [text for text, _label in descriptions.load_examples()]
    encoder.encode_many(labelled[:20])  # warm up (graph tracing, first BLAS calls)
    cpu, wall = time.process_time(), time.perf_counter()
    vectors = encoder.encode_many(labelled[:texts])
    many = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}
    singles = labelled[texts : texts + one]
    cpu, wall = time.process_time(), time.perf_counter()
    for text in singles:
        encoder.encode_uncached([text])
    each = {
        "wall_ms": 1000 * (time.perf_counter() - wall) / len(singles),
        "cpu_ms": 1000 * (time.process_time() - cpu) / len(singles),
    }
    np.save(vectors_file, vectors)
    return {"many": many, "one": each}


def run(source: Path, texts: int, one: int, vectors_file: str) -> dict:
    command = [sys.executable, __file__, "--child", str(source), str(texts), str(one), vectors_file]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        source, texts, one, vectors_file = sys.argv[2:6]
        print(json.dumps(measure(source, int(texts), int(one), vectors_file)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, help="another bot/embeddings.py to compare with")
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--one", type=int, default=300)
    args = parser.parse_args()
    import numpy as np

    versions = {"this checkout": ROOT / "bot" / "embeddings.py"}
    if args.other:
        versions[str(args.other)] = args.other
    with tempfile.TemporaryDirectory() as folder:
        found = {}
        for number, (name, source) in enumerate(versions.items()):
            vectors_file = f"{folder}/{number}.npy"
            figures = run(source, args.texts, args.one, vectors_file)
            found[name] = np.load(vectors_file)
            many, each = figures["many"], figures["one"]
            print(
                f"{name}: encode_many of {args.texts} texts {many['wall_s']:.1f} s wall, "
                f"{many['cpu_s']:.1f} s CPU; one at a time ({args.one} texts) "
                f"{each['wall_ms']:.1f} ms wall, {each['cpu_ms']:.1f} ms CPU a text"
            )
        if len(found) == 2:
            first, second = found.values()
            print(f"largest difference between the vectors: {np.abs(first - second).max():.1e}")


if __name__ == "__main__":
    main()
