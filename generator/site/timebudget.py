"""Run a function with a time budget: past it, OverBudget is raised inside the function.

In a process's main thread (the build, and forked render workers) the budget is a SIGALRM
from `signal.setitimer`. Elsewhere (the dev server renders from its rebuild thread), or when
another SIGALRM timer is already armed, a watchdog thread raises the exception in the
calling thread through `PyThreadState_SetAsyncExc`. Either way the exception arrives between
two Python bytecodes, so it cannot stop a single long call into C; the code it guards here
(Python-Markdown) is pure Python.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Callable
from typing import TypeVar

R = TypeVar("R")


class OverBudget(BaseException):
    """The budget ran out. A BaseException, so that no `except Exception` in the guarded code swallows it."""


def call_within(seconds: float, function: Callable[..., R], *args: object) -> R:
    """`function(*args)`, or OverBudget once it has run for `seconds`."""
    if threading.current_thread() is threading.main_thread() and _alarm_is_free():
        try:
            return _with_alarm(seconds, function, args)
        except ValueError as exc:  # signal.signal refused: not the interpreter's main thread after all
            if "main thread" not in str(exc):
                raise
    return _with_watchdog(seconds, function, args)


def _alarm_is_free() -> bool:
    return hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0


def _with_alarm(seconds: float, function: Callable[..., R], args: tuple) -> R:
    def ring(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))
        try:
            return function(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _with_watchdog(seconds: float, function: Callable[..., R], args: tuple) -> R:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target, OverBudget)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return function(*args)
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:
                _raise_in(target, None)  # clears the exception if it is still pending
        timer.cancel()


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)
