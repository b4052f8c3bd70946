// Replaced by the retraining command line (issue 5).
return 0;
