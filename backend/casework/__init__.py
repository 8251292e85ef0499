"""Casework: the verbs staff apply to an open case (status, notes, risk review, texts to the
resident, promised dates, action plans), one module per verb, all audited on the timeline."""
