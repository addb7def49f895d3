"""The domain's rules as plain functions: subsidy, ledningsgrupp, queues, coverage and statuses, the yearly cycle."""
