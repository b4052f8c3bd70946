// Replaced by the agent's command line (issue 7).
return 0;
