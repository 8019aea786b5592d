### vocabulary: Nederlands
