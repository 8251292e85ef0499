"""Operations: the command line, the process supervisor, model training, demo data and the
local Twilio stand-in. They start and feed the processes; nothing in the journey imports them."""
