"""`python -m ops.rasa_speedups test core --model ...`: Rasa's own command line with the
speed-ups installed (the stories test loads the model this way)."""

import sys

from ops.rasa_speedups import install

install()  # before Rasa's import: it keeps JAX out of TensorFlow's

from rasa.__main__ import main  # noqa: E402

sys.argv = ["rasa", *sys.argv[1:]]
main()
