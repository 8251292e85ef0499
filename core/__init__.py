"""The ground floor: settings, languages, codes, the risk matrix, working days, the safety
lexicon and ASB categories. Every process may import it; it imports nothing above it."""
