module github.com/go-clerk/clerk/webhooks/internal/specexamples

go 1.25.0

require gopkg.in/yaml.v3 v3.0.1
