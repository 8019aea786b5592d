### members: English
