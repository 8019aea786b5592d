### members: Nederlands
