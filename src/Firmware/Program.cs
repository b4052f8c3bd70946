// placeholder until the CLI is written
return 0;
