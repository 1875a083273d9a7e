#pragma once
/// Certificates for TLS tests, made at test time with OpenSSL's C API into a temporary folder:
/// a test CA (give `ca_file()` to the client as its trust store), leaves it signs (valid,
/// expired, for another host name, with a weak RSA-1024 key), a self-signed leaf, and a leaf from
/// a second CA the client does not trust. Each leaf comes as a FixtureTls for FixtureServer.
///
///   feedd::test::TestCertificates certs;
///   feedd::test::FixtureServer server(certs.leaf({"feeds.test"}));
///   options.ca_file = certs.ca_file();
///
/// Keys are EC P-256 (fast to make) unless `rsa_bits` asks for RSA. Header-only.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "support/fixture_server.hpp"

namespace feedd::test {

/// How a leaf certificate should look.
struct LeafSpec {
  std::vector<std::string> dns_names{"localhost"};
  std::vector<std::string> ip_addresses{"127.0.0.1"};
  std::chrono::seconds valid_from = -std::chrono::hours(1);  ///< relative to now
  std::chrono::seconds valid_until = std::chrono::hours(24);
  int rsa_bits = 0;  ///< 0: EC P-256
};

namespace tls_detail {

struct KeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertDeleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

inline void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificates: ") + what);
}

inline Key make_key(int rsa_bits) {
  Key key(rsa_bits ? EVP_RSA_gen(static_cast<unsigned>(rsa_bits)) : EVP_EC_gen("P-256"));
  require(key != nullptr, "key generation failed");
  return key;
}

inline void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  require(extension != nullptr, "bad extension");
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

inline std::string subject_alt_names(const LeafSpec& spec) {
  std::string names;
  for (const auto& name : spec.dns_names) names += (names.empty() ? "DNS:" : ",DNS:") + name;
  for (const auto& ip : spec.ip_addresses) names += (names.empty() ? "IP:" : ",IP:") + ip;
  return names;
}

/// An unsigned certificate for `key` named `common_name`, issued by `issuer` (itself when null).
inline Cert make_certificate(EVP_PKEY* key, const std::string& common_name, X509* issuer,
                             std::chrono::seconds from,
                             std::chrono::seconds until, long serial) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(from.count()));
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(until.count()));
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  return cert;
}

inline void sign(X509* cert, EVP_PKEY* key) {
  require(X509_sign(cert, key, EVP_sha256()) > 0, "signing failed");
}

inline void write_pem(const std::filesystem::path& path, const std::vector<X509*>& certs,
                      EVP_PKEY* key) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "w"), &std::fclose);
  require(file != nullptr, "cannot write PEM file");
  for (X509* cert : certs) require(PEM_write_X509(file.get(), cert) == 1, "PEM write failed");
  if (key)
    require(PEM_write_PrivateKey(file.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
            "PEM key write failed");
}

/// A CA: key and self-signed CA certificate.
struct Authority {
  Key key;
  Cert cert;
};

inline Authority make_authority(const std::string& name, long serial) {
  Authority ca{make_key(0), nullptr};
  ca.cert = make_certificate(ca.key.get(), name, nullptr, -std::chrono::hours(24),
                             std::chrono::hours(24 * 365), serial);
  add_extension(ca.cert.get(), ca.cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.cert.get(), ca.cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.cert.get(), ca.cert.get(), NID_subject_key_identifier, "hash");
  sign(ca.cert.get(), ca.key.get());
  return ca;
}

}  // namespace tls_detail

/// The test PKI; files live until the object is destroyed.
class TestCertificates {
public:
  TestCertificates()
      : folder_(std::filesystem::temp_directory_path() /
                ("feedd-test-certs-" + std::to_string(std::random_device{}()))),
        trusted_(tls_detail::make_authority("feedd test CA", 1)),
        untrusted_(tls_detail::make_authority("feedd untrusted CA", 2)) {
    std::filesystem::create_directories(folder_);
    tls_detail::write_pem(ca_file(), {trusted_.cert.get()}, nullptr);
  }
  ~TestCertificates() {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;

  /// PEM file with the trusted test CA.
  std::string ca_file() const { return (folder_ / "ca.pem").string(); }

  /// A leaf signed by the trusted test CA.
  FixtureTls leaf(const LeafSpec& spec = {}) { return issue(spec, &trusted_); }
  /// A leaf signed by a CA the client does not trust.
  FixtureTls leaf_from_unknown_ca(const LeafSpec& spec = {}) { return issue(spec, &untrusted_); }
  /// A self-signed leaf (no CA at all).
  FixtureTls self_signed(const LeafSpec& spec = {}) { return issue(spec, nullptr); }

private:
  FixtureTls issue(const LeafSpec& spec, tls_detail::Authority* ca) {
    const int number = ++issued_;
    auto key = tls_detail::make_key(spec.rsa_bits);
    const std::string name = spec.dns_names.empty() ? "leaf" : spec.dns_names.front();
    X509* issuer_cert = ca ? ca->cert.get() : nullptr;
    auto cert = tls_detail::make_certificate(key.get(), name, issuer_cert,
                                             spec.valid_from, spec.valid_until, 100 + number);
    X509* issuer = issuer_cert ? issuer_cert : cert.get();
    tls_detail::add_extension(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
    tls_detail::add_extension(cert.get(), issuer, NID_ext_key_usage, "serverAuth");
    const auto alt_names = tls_detail::subject_alt_names(spec);
    if (!alt_names.empty())
      tls_detail::add_extension(cert.get(), issuer, NID_subject_alt_name, alt_names);
    tls_detail::sign(cert.get(), ca ? ca->key.get() : key.get());
    const auto base = folder_ / ("leaf" + std::to_string(number));
    // The leaf alone: the client either trusts the issuer already or must not find it.
    tls_detail::write_pem(base.string() + ".crt", {cert.get()}, nullptr);
    tls_detail::write_pem(base.string() + ".key", {}, key.get());
    return FixtureTls{base.string() + ".crt", base.string() + ".key"};
  }

  std::filesystem::path folder_;
  tls_detail::Authority trusted_;
  tls_detail::Authority untrusted_;
  int issued_ = 0;
};

}  // namespace feedd::test
