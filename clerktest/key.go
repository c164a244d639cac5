package clerktest

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
)

// testKeyPEM is the RSA key every Server signs session tokens with unless
// WithSigningKey gives another. It is public, as the key and certificate
// of net/http/httptest are: it only ever signs tokens for a fake, which a
// verifier trusts only when told to trust the fake (its JWKS, its JWTKey).
// A built-in key spares each server the generation of a 2048-bit key
// (a tenth of a second, most of a second under the race detector); each
// server's key ID (InstanceID) still tells their tokens apart. Its PEM type
// reads TESTING KEY, as in the Go standard library's test keys, so that
// secret scanners do not take it for a leaked key.
const testKeyPEM = `
-----BEGIN TESTING KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCYcQh6F6CGF7gS
leyHjS2B4lmLWF4LN+mq2POmQBe3DGZe/GNIFbkPgt0oucCs+Vxe34SRpt9/8+ap
J800iJVUZp4KJGOJhmdIosGZWo4tiFS6zUVxnV2hum6oSoyMJZx1J9I8zunct5Bd
ml6JjSSQhAXQ2hUPfnJXyk6c6U3j30PIBiG998Z62kCwscE6ONOsagSLV9K9Wc10
nVR17atUsxtki8C5b0qa2RPfIqcbMZPAJ0TN88f12mXddP3qh3P8Ld8ROZKnwV0K
uZfeYcko0OlGOQ+8seX7rcL9NeaTaGYu5cfHFrDQ2lq8DrSqD/CXpvDogXZSBtUL
ayMep5fDAgMBAAECggEACtbet2++pkpBeHDYpLrRJY8mttXNuhZ7sv5CNOwRw55K
GS7xEEsbIZM4jpDGtoX0n3pdPs4SzlJVcGm4GagslhfF3QrBWSIJbgzEn1blDS/I
do/qBC4gXkOXYrgKTlzORzZRqKk9z8ftp/o2BqnWk8APec5H+RYQo1VrSZT9SNqX
Gs9QtA+zU63pBJpcYugWGMQxkq5G85Eb6Oz6Hyduw2/PAKiUzrqwxjAdR7rJj/+y
h/uMxyz1ePPOagcTAbywZ7T8VCeZRw4o48qN8x7c3nNr9bhhZiF35qmLqryHOMcm
zML2++lQzn49crx5qAFXpOawFzSg738ldSIyYoaYQQKBgQDTYCPROuRv9KOB+iRV
KWpTiOmAIXE0cjOGe7AJU6ryeAsd4nfRXgJsDsg6ab1Svyy2G6E/4nqjxrdTp5iX
srsXiUqZ+5aGMao0n8vbAeTgPi3vPsMJeyRdP2RibxkVuxwTzGZwUSzor73anR0t
GLQ0jRW0LRthr0NS3EqawR1TiQKBgQC4n8kSI69jhe0Xyl0GQVgBFKdIfF4Rjptt
wUiJ+RVZjkld8wxiGb/1kmO4ubtlySlsfiyK0CE1cFSMSVYUbd8kLEYm6sqGDYYh
f51vo7/ujsSvQQPOhfR7UvNUdCwXFzvdREu3VH7yjNZn5UPpU6pr7ogsXff7W8hK
WqezZS1h6wKBgHQWc/VgS7908yvaToP7B+sy4VK+iybLpaKxYX/t1I/v/+L80uNI
pznjcHIsSo8ccZjeWdP1NXenFl46SGLgBUKq4y7obsXqltjp/hKc2q+RVrbzmDgn
ylPwEdjBvVwi9AunkYcT/f8ZLcLX0QNIcwf9iDL5JvWiRO5IEC0n7ExJAoGBALJZ
uVYKnw3XfLi0xrSaPzecChXd/smbJ88ZHsgalWNULs/RUS8bjPLgHfF/iubDM38Z
TFI0yT/kaeizl7JYiW1aT9KcklR5kA+gRiho2arMxHhAqDrD8O+JrILzTvxnd29C
4JoTyCbrotvvAHHQXxuw7F9fz4VEnvIlLUgB/5tNAoGAGBPr2u9oZ/Q3m3lnkPEM
UpI2DXfjdPEAg0+QwNZjPwvU7vAj5fp26UHcQia+bMNYOD9p7bPnTRpNtcJKaFyO
bkE2PG8ORrMZEkV0QaQUF8wuK6R2gxTT3Rg9OtE3eOWP7nRRQsVSS2pxp4Pr7NPX
qAFONp+XnnfCvHGHYQ54FGs=
-----END TESTING KEY-----
`

// testKey parses testKeyPEM; it cannot fail on the constant above, which
// TestBuiltInKey checks.
func testKey() *rsa.PrivateKey {
	block, _ := pem.Decode([]byte(strings.ReplaceAll(testKeyPEM, "TESTING KEY", "PRIVATE KEY")))
	if block == nil {
		panic("clerktest: the built-in key is not PEM")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		panic("clerktest: the built-in key: " + err.Error())
	}
	return k.(*rsa.PrivateKey)
}

// publicKeyPEM encodes a public key as the Clerk Dashboard shows the JWKS
// Public Key: a PKIX "PUBLIC KEY" block.
func publicKeyPEM(k *rsa.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}
