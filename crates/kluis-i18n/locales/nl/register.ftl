### register: Nederlands
