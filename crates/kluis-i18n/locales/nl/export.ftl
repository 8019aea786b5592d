### export: Nederlands
