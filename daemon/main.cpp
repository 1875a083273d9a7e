// Wiring only: the commands live in daemon/cli/.
int main() { return 0; }
