### export: English
