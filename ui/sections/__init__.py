"""The sections (tabs) of the Uppgifter page, one module each."""
