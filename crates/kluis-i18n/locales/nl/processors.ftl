### processors: Nederlands
