### vocabulary: English
