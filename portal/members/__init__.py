"""The member register: who the co-op's members are, their status history, sign-in, API tokens, governance
acceptance and their own data."""
