"""Whoosh reads an open index from its memory map instead of a copy (Whoosh 2.7.4).

Whoosh opens each index segment as one memory-mapped compound file and hands every
sub-file (postings, terms, stored fields, columns) to ``BufferFile``, whose stream is
``io.BytesIO(view)``: on Python 3 that copies the sub-file, so an open searcher held its
whole index in the process's own memory, about 14 MB for a school of 10,000 documents and
1.4 GB for the portal's 100 (tracemalloc). :class:`MappedFile` is the same ``BufferFile``
with a stream that reads the map through a small buffer: the index stays in the page
cache, shared by every process. ``install()`` (``SitesearchConfig.ready``) makes Whoosh's
``CompoundStorage`` use it; Whoosh 2.7.4 is its last release.
"""

from __future__ import annotations

import io
import logging
import resource

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile

STREAM_BUFFER = 1024
# Open files a web process may want: the portal keeps every school's index open, a file
# handle per segment (two or three per school), where systemd's default soft limit is 1,024.
OPEN_FILES_WANTED = 65_536

logger = logging.getLogger(__name__)


class _ViewStream(io.RawIOBase):
    """A read-only raw stream over a memoryview (copies only what is read)."""

    def __init__(self, view: memoryview):
        self._view = view
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        start = self._position
        count = max(0, min(len(buffer), len(self._view) - start))
        buffer[:count] = self._view[start : start + count]
        self._position = start + count
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            self._position = offset
        elif whence == io.SEEK_CUR:
            self._position += offset
        else:
            self._position = len(self._view) + offset
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._view = memoryview(b"")
        super().close()


class MappedFile(BufferFile):
    """``BufferFile`` over a slice of the memory map, without Whoosh's copy of it."""

    def __init__(self, buf, name=None, onclose=None):
        self._buf = buf
        self._name = name
        self.file = io.BufferedReader(_ViewStream(buf), buffer_size=STREAM_BUFFER)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def subset(self, position, length, name=None):
        return MappedFile(self._buf[position : position + length], name=name or self._name)


def _open_file(self, name, *args, **kwargs):
    """``CompoundStorage.open_file`` of Whoosh 2.7.4, with :class:`MappedFile`."""
    if self.is_closed:
        raise compound.StorageError("Storage was closed")
    offset, length = self.range(name)
    if self._source:
        return MappedFile(memoryview(self._source)[offset : offset + length], name=name)
    return _whoosh_open_file(self, name, *args, **kwargs)


_whoosh_open_file = compound.CompoundStorage.open_file


def install() -> None:
    compound.CompoundStorage.open_file = _open_file


def raise_open_files_limit() -> int:
    """Raise this process's soft limit of open files towards ``OPEN_FILES_WANTED`` (never
    above the hard limit, never lower); returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = OPEN_FILES_WANTED if hard == resource.RLIM_INFINITY else min(hard, OPEN_FILES_WANTED)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError) as error:
            logger.warning("Could not raise the open files limit from %s: %s", soft, error)
            return soft
        return wanted
    return soft
