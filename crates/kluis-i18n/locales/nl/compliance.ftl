### compliance: Nederlands
