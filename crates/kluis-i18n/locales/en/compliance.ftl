### compliance: English
