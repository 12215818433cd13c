// Records a real GPU power/energy trace under a scripted load: a sampler thread reads NVML power
// (mW) and the cumulative energy counter (mJ) every SAMPLE_MS; the main thread runs load phases
// shaped like inference traffic (bursts of different lengths, duty cycles, idle) and logs each
// busy interval as a pseudo "request". Output: samples.csv and busy.csv.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <atomic>
#include <thread>
#include <chrono>
#include <vector>
#include <string>
#include <dlfcn.h>
// NVML is loaded from the driver at run time (libnvidia-ml.so.1); only the calls used here are declared.
typedef void *nvmlDevice_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef int nvmlReturn_t;
#define NVML_SUCCESS 0
static nvmlReturn_t (*nvmlInit)(void);
static nvmlReturn_t (*nvmlDeviceGetHandleByIndex)(unsigned int, nvmlDevice_t *);
static nvmlReturn_t (*nvmlDeviceGetName)(nvmlDevice_t, char *, unsigned int);
static nvmlReturn_t (*nvmlDeviceGetUUID)(nvmlDevice_t, char *, unsigned int);
static nvmlReturn_t (*nvmlDeviceGetPowerUsage)(nvmlDevice_t, unsigned int *);
static nvmlReturn_t (*nvmlDeviceGetTotalEnergyConsumption)(nvmlDevice_t, unsigned long long *);
static nvmlReturn_t (*nvmlDeviceGetUtilizationRates)(nvmlDevice_t, nvmlUtilization_t *);
static bool load_nvml() {
  void *h = dlopen("libnvidia-ml.so.1", RTLD_NOW);
  if (!h) { fprintf(stderr, "dlopen: %s\n", dlerror()); return false; }
  nvmlInit = (nvmlReturn_t (*)(void)) dlsym(h, "nvmlInit_v2");
  nvmlDeviceGetHandleByIndex = (nvmlReturn_t (*)(unsigned int, nvmlDevice_t *)) dlsym(h, "nvmlDeviceGetHandleByIndex_v2");
  nvmlDeviceGetName = (nvmlReturn_t (*)(nvmlDevice_t, char *, unsigned int)) dlsym(h, "nvmlDeviceGetName");
  nvmlDeviceGetUUID = (nvmlReturn_t (*)(nvmlDevice_t, char *, unsigned int)) dlsym(h, "nvmlDeviceGetUUID");
  nvmlDeviceGetPowerUsage = (nvmlReturn_t (*)(nvmlDevice_t, unsigned int *)) dlsym(h, "nvmlDeviceGetPowerUsage");
  nvmlDeviceGetTotalEnergyConsumption = (nvmlReturn_t (*)(nvmlDevice_t, unsigned long long *)) dlsym(h, "nvmlDeviceGetTotalEnergyConsumption");
  nvmlDeviceGetUtilizationRates = (nvmlReturn_t (*)(nvmlDevice_t, nvmlUtilization_t *)) dlsym(h, "nvmlDeviceGetUtilizationRates");
  return nvmlInit && nvmlDeviceGetHandleByIndex && nvmlDeviceGetPowerUsage && nvmlDeviceGetTotalEnergyConsumption;
}
#include <cuda_runtime.h>

static long long now_ms() { timespec t; clock_gettime(CLOCK_REALTIME, &t); return t.tv_sec * 1000LL + t.tv_nsec / 1000000; }

__global__ void burn(float *data, int n, int iters) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float a = data[i], b = 1.0001f, c = 0.9999f;
  for (int k = 0; k < iters; ++k) { a = fmaf(a, b, c); b = fmaf(b, c, a * 1e-7f); }
  data[i] = a + b;
}

static std::atomic<bool> stop{false};

int main(int argc, char **argv) {
  int sample_ms = argc > 1 ? atoi(argv[1]) : 100;
  if (!load_nvml() || nvmlInit() != NVML_SUCCESS) { fprintf(stderr, "nvmlInit failed\n"); return 1; }
  nvmlDevice_t dev; nvmlDeviceGetHandleByIndex(0, &dev);
  char name[96] = {0}, uuid[96] = {0}; nvmlDeviceGetName(dev, name, sizeof name); nvmlDeviceGetUUID(dev, uuid, sizeof uuid);
  fprintf(stderr, "gpu %s %s\n", name, uuid);
  FILE *samples = fopen(argc > 2 ? argv[2] : "samples.csv", "w");
  FILE *busy = fopen(argc > 3 ? argv[3] : "busy.csv", "w");
  fprintf(samples, "time_ms,gpu_uuid,gpu_model,power_watts,energy_millijoules_total,utilization_percent\n");
  fprintf(busy, "request_id,start_ms,end_ms,phase\n");
  std::thread sampler([&] {
    while (!stop.load()) {
      unsigned int mw = 0; unsigned long long mj = 0; nvmlUtilization_t u{};
      nvmlReturn_t rp = nvmlDeviceGetPowerUsage(dev, &mw);
      nvmlReturn_t re = nvmlDeviceGetTotalEnergyConsumption(dev, &mj);
      nvmlDeviceGetUtilizationRates(dev, &u);
      fprintf(samples, "%lld,%s,%s,%.3f,%s,%u\n", now_ms(), uuid, name, rp == NVML_SUCCESS ? mw / 1000.0 : -1.0,
              re == NVML_SUCCESS ? std::to_string(mj).c_str() : "", u.gpu);
      std::this_thread::sleep_for(std::chrono::milliseconds(sample_ms));
    }
  });
  const int n = 1 << 24; float *d; cudaMalloc(&d, n * sizeof(float)); cudaMemset(d, 0, n * sizeof(float));
  cudaDeviceSynchronize();
  int req = 0;
  auto idle = [&](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
  auto load = [&](int ms, const char *phase) {
    long long start = now_ms();
    while (now_ms() - start < ms) { burn<<<n / 256, 256>>>(d, n, 20000); cudaDeviceSynchronize(); }
    fprintf(busy, "req-%04d,%lld,%lld,%s\n", req++, start, now_ms(), phase);
  };
  idle(15000);                                                     // idle baseline
  int bursts[] = {2000, 500, 3000, 1000, 250, 4000, 1500, 750};    // request-like bursts
  for (int r = 0; r < 3; ++r) for (int b : bursts) { load(b, "bursts"); idle(b / 2 + 300); }
  for (int i = 0; i < 100; ++i) { load(150, "duty50"); idle(150); } // 50% duty, 300 ms period
  load(30000, "sustained");                                        // sustained full load
  idle(20000);                                                     // cool-down to idle
  stop = true; sampler.join(); fclose(samples); fclose(busy);
  cudaError_t err = cudaGetLastError();
  fprintf(stderr, "done, %d busy intervals, cuda: %s\n", req, cudaGetErrorString(err));
  return err == cudaSuccess ? 0 : 2;
}
