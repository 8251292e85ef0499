"""DIET's predictions in the Rasa server (issue 14).

9. Calling DIET's prediction graph. Rasa calls DIET's traced prediction function with the
message's arrays, and TensorFlow matches them against the function's signature on every call
(canonicalising and typing each input: 6% of the server's time at c=20, as much as the graph's
own work). The function has one fixed signature (Rasa gives it one), so its one concrete graph
is taken once and called with the arrays as tensors, in the signature's order
(`predict_directly`); arrays that do not fit the signature go Rasa's way, which raises as
before. Each array becomes a tensor by the conversion `tf.convert_to_tensor` ends in for a NumPy
array when running eagerly (`convert_to_eager_tensor`), without its dispatch layers: 17 against
66 µs an array here, for the thirty-odd arrays of a message. The outputs are the same
tensors (tests/ops/rasa_speedups/).

11. Combining a message's sparse features. DIET reads a message's word and character features
as one matrix, joined pairwise with `scipy.sparse.hstack` (`Features.combine_with_features`),
which goes through scipy's general block assembly (`bmat`): 4-5% of the server's time at c=20
for a handful of small matrices. Two COO matrices with rows are joined directly
(`hstack_two`), as `bmat` joins them: the same matrix, entries, types and order (373 against
118 µs a join here); anything else goes to `hstack`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy as np

_rasas_predict: Callable | None = None
# Each model's concrete prediction graph and its inputs' specs (kept off the Keras model,
# which tracks attributes).
_concrete_predictions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def predict_directly(self: Any, batch_in: tuple) -> Any:
    """`RasaModel._rasa_predict` through the prediction function's one concrete graph."""
    function = self._tf_predict_step
    if self._run_eagerly or function is None or not self.prepared_for_prediction:
        return _rasas_predict(self, batch_in)  # the first call traces, as Rasa does
    known = _concrete_predictions.get(self)
    if known is None:
        concrete = function.get_concrete_function()
        known = _concrete_predictions[self] = (concrete, concrete.structured_input_signature[0][0])
    concrete, specs = known
    if len(batch_in) != len(specs) or not all(
        isinstance(array, np.ndarray)
        and array.dtype == spec.dtype.as_numpy_dtype and array.ndim == spec.shape.rank
        and (array.ndim < 2 or array.shape[-1] == spec.shape[-1])
        for array, spec in zip(batch_in, specs, strict=True)
    ):  # fmt: skip
        return _rasas_predict(self, batch_in)
    import tensorflow as tf
    from keras.utils import tf_utils
    from rasa.shared.constants import DIAGNOSTIC_DATA
    from tensorflow.python.eager import context
    from tensorflow.python.framework.constant_op import convert_to_eager_tensor

    if not tf.executing_eagerly():
        return _rasas_predict(self, batch_in)
    self._training = False
    eager = context.context()
    tensors = [convert_to_eager_tensor(array, eager) for array in batch_in]
    outputs = tf_utils.sync_to_numpy_or_python_type(
        concrete._call_flat(tensors, concrete.captured_inputs)
    )
    if DIAGNOSTIC_DATA in outputs:
        outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
    return outputs


def hstack_two(left: Any, right: Any) -> Any:
    """`scipy.sparse.hstack([left, right])` for two COO matrices with rows and columns, made as
    scipy's `bmat` makes it; `hstack` itself for anything else."""
    from scipy.sparse import coo_matrix, hstack
    from scipy.sparse._sputils import get_index_dtype, upcast

    if (
        type(left) is not coo_matrix
        or type(right) is not coo_matrix
        or left.shape[0] != right.shape[0]
        or 0 in left.shape
        or 0 in right.shape
    ):
        return hstack([left, right])
    count = left.nnz
    total = count + right.nnz
    shape = (left.shape[0], left.shape[1] + right.shape[1])
    index_type = get_index_dtype(maxval=max(shape))
    data = np.empty(total, dtype=upcast(left.dtype, right.dtype))
    data[:count] = left.data
    data[count:] = right.data
    row = np.empty(total, dtype=index_type)
    col = np.empty(total, dtype=index_type)
    np.add(left.row, np.int64(0), out=row[:count], dtype=index_type)
    np.add(right.row, np.int64(0), out=row[count:], dtype=index_type)
    np.add(left.col, np.int64(0), out=col[:count], dtype=index_type)
    np.add(right.col, np.int64(left.shape[1]), out=col[count:], dtype=index_type)
    return coo_matrix((data, (row, col)), shape=shape)


def _combine_sparse_features(self: Any, additional_features: Any) -> None:
    """Rasa's `Features._combine_sparse_features` (3.6.21) with `hstack_two`."""
    if self.features.shape[0] != additional_features.features.shape[0]:
        raise ValueError(
            f"Cannot combine sparse features as sequence dimensions do not "
            f"match: {self.features.shape[0]} != "
            f"{additional_features.features.shape[0]}."
        )
    self.features = hstack_two(self.features, additional_features.features)
    self._cached_fingerprint = None


def install() -> None:
    """Items 9 and 11."""
    global _rasas_predict
    from rasa.shared.nlu.training_data.features import Features
    from rasa.utils.tensorflow.models import RasaModel

    if _rasas_predict is None:
        _rasas_predict = RasaModel._rasa_predict
        RasaModel._rasa_predict = predict_directly
    Features._combine_sparse_features = _combine_sparse_features
