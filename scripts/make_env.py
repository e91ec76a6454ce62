"""Print a .env for a local instance: a fresh secret key, local hosts, plain HTTP."""

import secrets

print(
    "\n".join(
        [
            "# Written by `make setup` for a local instance; see .env.example for every variable.",
            f"SECRET_KEY={secrets.token_urlsafe(50)}",
            "ALLOWED_HOSTS=127.0.0.1,localhost",
            "HTTPS=false",
            "DEBUG=false",
        ]
    )
)
