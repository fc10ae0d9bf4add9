const char *greeting(void);
int count_words(const char *s);
