// The few LAPACK routines the toolkit calls, declared with the gfortran ABI:
// every argument by pointer, INTEGER is int (LP64 OpenBLAS), and one hidden
// trailing size_t per CHARACTER argument. Inputs are const so Swift may pass
// the same variable twice (m as m and as lda).
#ifndef ADOPT_CLAPACK_SHIM_H
#define ADOPT_CLAPACK_SHIM_H
#include <stddef.h>
#include <cblas.h>

void dgeqp3_(const int *m, const int *n, double *a, const int *lda, int *jpvt,
             double *tau, double *work, const int *lwork, int *info);
void dormqr_(const char *side, const char *trans, const int *m, const int *n,
             const int *k, const double *a, const int *lda, const double *tau,
             double *c, const int *ldc, double *work, const int *lwork, int *info,
             size_t side_len, size_t trans_len);
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const int *n,
             const int *nrhs, const double *a, const int *lda, double *b,
             const int *ldb, int *info, size_t uplo_len, size_t trans_len,
             size_t diag_len);
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda,
             double *b, const int *ldb, double *s, const double *rcond, int *rank,
             double *work, const int *lwork, int *iwork, int *info);
void dgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n,
             double *a, const int *lda, double *s, double *u, const int *ldu,
             double *vt, const int *ldvt, double *work, const int *lwork, int *info,
             size_t jobu_len, size_t jobvt_len);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len);
void dpocon_(const char *uplo, const int *n, const double *a, const int *lda,
             const double *anorm, double *rcond, double *work, int *iwork, int *info,
             size_t uplo_len);

void openblas_set_num_threads(int num_threads);
/* Stops OpenBLAS's worker threads (they are started when the library loads and spin
   between calls); with one thread set, none are started again. */
int blas_thread_shutdown_(void);
char *openblas_get_config(void);
#endif
