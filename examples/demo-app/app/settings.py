"""Settings from the environment, with the `_FILE` convention: NAME_FILE names a file that
holds the value. On a Swarm target the library gives secrets that way (a docker_secret
mounted under /run/secrets), never as a plain environment variable."""
import os


def setting(name: str) -> str | None:
    """The value of NAME: the content of the file NAME_FILE names if set, else NAME."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as file:
            return file.read()
    return os.environ.get(name)
