### processors: English
