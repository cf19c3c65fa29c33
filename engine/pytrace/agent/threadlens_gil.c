// SPDX-License-Identifier: MIT
// _threadlens_gil: who holds CPython 3.11's GIL, read from the interpreter's runtime state
// (_PyRuntime.ceval.gil: `locked` and `last_holder`, the thread state that took it last), the
// same two fields py-spy reads from outside. Built only for 3.11 against its internal headers:
// the layout is version-specific. check() proves the layout at run time before any sampling.
//
// The reader is handed to _threadlens (stable ABI) as a capsule; its sampling thread calls it
// without the GIL, so it only loads the two fields (relaxed atomics, as CPython stores them).
#define Py_BUILD_CORE_MODULE 1
#include <Python.h>

#include "internal/pycore_runtime.h"

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "_threadlens_gil reads CPython 3.11's runtime layout"
#endif

// Returns 1 when the GIL is held, with *holder = the holding PyThreadState*; 0 when it is free.
static int read_holder(void** holder)
{
    struct _gil_runtime_state* gil = &_PyRuntime.ceval.gil;
    const int locked = _Py_atomic_load_relaxed(&gil->locked);
    *holder = (void*)_Py_atomic_load_relaxed(&gil->last_holder);
    return locked;
}

typedef struct {
    int version;  // 1
    int (*read)(void** holder);
} TlGilReader;

static TlGilReader reader = {1, read_holder};

// With the GIL held by the caller, the runtime must say: locked, by this very thread state.
static PyObject* check(PyObject* self, PyObject* unused)
{
    (void)self;
    (void)unused;
    void* holder = NULL;
    const int locked = read_holder(&holder);
    return PyBool_FromLong(locked == 1 && holder == (void*)PyThreadState_Get());
}

static PyMethodDef methods[] = {
    {"check", check, METH_NOARGS, "True when this interpreter's GIL layout is the one compiled in"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_threadlens_gil", "CPython 3.11 GIL holder reader", -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__threadlens_gil(void)
{
    PyObject* m = PyModule_Create(&module);
    if (!m)
        return NULL;
    PyObject* capsule = PyCapsule_New(&reader, "_threadlens_gil.reader", NULL);
    if (!capsule || PyModule_AddObject(m, "reader", capsule) < 0) {
        Py_XDECREF(capsule);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
