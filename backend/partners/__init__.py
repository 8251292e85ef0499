"""Partner organisations (council, police) and their API keys for the Open311 interface."""
