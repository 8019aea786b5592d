### register: English
